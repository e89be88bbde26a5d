import { useTranslation } from 'react-i18next'
import { BusyButton } from '../../ui/BusyButton.tsx'
import { ErrorMessage } from '../../ui/ErrorMessage.tsx'
import { LoadingState } from '../../ui/LoadingState.tsx'
import { PageHeading, usePageTitle } from '../../ui/PageHeading.tsx'
import { useFeed } from './api.ts'
import { FeedList } from './FeedList.tsx'

/** The whole feed (`/quoi-de-neuf`), twenty items at a time. */
export function FeedPage() {
  const { t } = useTranslation()
  usePageTitle(t('feed.title'))
  const feed = useFeed(20)
  if (feed.isPending) return <LoadingState />
  if (feed.isError) return <ErrorMessage error={feed.error} onRetry={() => feed.refetch()} />
  const items = feed.data.pages.flatMap((page) => page.items)
  return (
    <>
      <PageHeading>{t('feed.title')}</PageHeading>
      <p className="page-intro">{t('feed.intro')}</p>
      {items.length === 0 ? <p>{t('feed.empty')}</p> : <FeedList items={items} headingLevel={2} />}
      {feed.hasNextPage && (
        <p className="feed-actions">
          <BusyButton isBusy={feed.isFetchingNextPage} onPress={() => feed.fetchNextPage()}>
            {t('feed.more')}
          </BusyButton>
        </p>
      )}
    </>
  )
}
