import { useTranslation } from 'react-i18next'
import { ErrorMessage } from '../../ui/ErrorMessage.tsx'
import { Link } from '../../ui/Link.tsx'
import { LoadingState } from '../../ui/LoadingState.tsx'
import { useFeed } from './api.ts'
import { FeedList } from './FeedList.tsx'

/**
 * « Quoi de neuf » on the portal: the latest items that concern me, kept fresh by the real-time
 * connection (the shell's `useRealtime`), and a link to the whole feed.
 */
export function WhatsNewSection({ unreadTotal }: { unreadTotal: number }) {
  const { t } = useTranslation()
  const feed = useFeed(5)
  const items = feed.data?.pages[0]?.items ?? []
  return (
    <section className="page-section" aria-labelledby="portal-whats-new">
      <h2 id="portal-whats-new">
        {t('feed.title')}
        {unreadTotal > 0 && (
          <span className="visually-hidden"> — {t('feed.unreadCount', { count: unreadTotal })}</span>
        )}
      </h2>
      {unreadTotal > 0 && (
        <p aria-hidden="true" className="feed-item__meta">
          {t('feed.unreadCount', { count: unreadTotal })}
        </p>
      )}
      {feed.isPending ? (
        <LoadingState />
      ) : feed.isError ? (
        <ErrorMessage error={feed.error} onRetry={() => feed.refetch()} />
      ) : items.length === 0 ? (
        <p>{t('feed.empty')}</p>
      ) : (
        <>
          <FeedList items={items} />
          <p className="feed-actions">
            <Link href="/quoi-de-neuf">{t('feed.seeAll')}</Link>
          </p>
        </>
      )}
    </section>
  )
}
