import { useTranslation } from 'react-i18next'
import { Link } from '../../ui/Link.tsx'
import { timeAgo } from '../account/relative-time.ts'
import { appName } from '../portal/labels.ts'
import { type FeedItemJson, useMarkRead } from './api.ts'
import './feed.css'

/**
 * Items of the feed, newest first. An unread item says so in words (not only by its colour); opening
 * it marks it read. Each offers « Signaler » for what should not have been sent.
 */
export function FeedList({ items, headingLevel = 3 }: { items: FeedItemJson[]; headingLevel?: 2 | 3 }) {
  const { t, i18n } = useTranslation()
  const markRead = useMarkRead()
  const Heading = `h${headingLevel}` as const
  return (
    <ul className="feed-list">
      {items.map((item) => {
        const when = timeAgo(new Date(item.createdAt), i18n.language) ?? t('feed.justNow')
        return (
          <li key={item.id} className={`feed-item${item.read ? '' : ' feed-item--unread'}`}>
            <p className="feed-item__meta">
              <span className="feed-item__app">{appName(t, item.app)}</span>
              {!item.read && <span className="feed-item__unread">{t('feed.unread')}</span>}
              <span>{item.actor ? t('feed.byWhen', { name: item.actor.displayName, when }) : when}</span>
            </p>
            <Heading className="feed-item__title">
              <Link href={item.link} onPress={() => !item.read && markRead.mutate(item.id)}>
                {item.title}
              </Link>
            </Heading>
            {item.summary && <p className="feed-item__summary">{item.summary}</p>}
            <p className="feed-item__actions">
              <Link
                href={`/quoi-de-neuf/signaler/${item.id}`}
                aria-label={t('feed.reportItem', { title: item.title })}
              >
                {t('feed.report')}
              </Link>
            </p>
          </li>
        )
      })}
    </ul>
  )
}
