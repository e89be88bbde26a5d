import { useTranslation } from 'react-i18next'
import { TextButton } from '../../ui/TextButton.tsx'
import { useDismissBanner, useMyBanners } from './api.ts'
import './flash-messages.css'

/**
 * The flash messages addressed to me today, at the top of every page of the shell, each with a button
 * that hides it for good. A labelled region: screen readers can jump to it and hear the messages.
 */
export function FlashBanners() {
  const { t } = useTranslation()
  const banners = useMyBanners()
  const dismiss = useDismissBanner()
  const list = banners.data?.banners ?? []
  if (list.length === 0) return null
  return (
    <section className="flash-banners" aria-label={t('flashMessages.bannersLabel')}>
      {list.map((banner) => (
        <div key={banner.id} className="flash-banner">
          <p className="flash-banner__text">{banner.text}</p>
          <TextButton
            onPress={() => dismiss.mutate(banner.id)}
            aria-label={t('flashMessages.dismissLabel', { text: banner.text })}
          >
            {t('flashMessages.dismiss')}
          </TextButton>
        </div>
      ))}
    </section>
  )
}
