import { useTranslation } from 'react-i18next'
import { CHARTER_VERSIONS, CURRENT_CHARTER } from '../../../contract/charter.ts'
import { LEGAL_PATHS } from '../../app/SiteFooter.tsx'
import { CheckIcon } from '../../ui/icons/ui-icons.tsx'
import { Link } from '../../ui/Link.tsx'
import { LegalLayout, LegalSection } from './LegalLayout.tsx'

const SECTIONS = [
  'purpose',
  'account',
  'communication',
  'image',
  'copyright',
  'report',
  'breach',
  'service',
] as const

/**
 * The usage charter (CGU, public): first what a child promises, in a few words a teacher can read out
 * ("Dans Préau, je…"), then the rules for adults in plain French.
 */
export function CharterPage() {
  const { t, i18n } = useTranslation()
  const dateOf = (day: string) =>
    new Intl.DateTimeFormat(i18n.language, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(day))
  const intro = `${t('legal.charter.intro')} ${t('legal.charter.inForce', {
    version: CURRENT_CHARTER.version,
    date: dateOf(CURRENT_CHARTER.publishedOn),
  })}`
  return (
    <LegalLayout title={t('legal.charter.title')} intro={intro}>
      <section className="charter-kids" aria-labelledby="charter-kids">
        <h2 id="charter-kids">{t('legal.charter.kidsTitle')}</h2>
        <ul>
          {(t('legal.charter.kids', { returnObjects: true }) as string[]).map((promise) => (
            <li key={promise}>
              <span className="charter-kids__mark" aria-hidden="true">
                <CheckIcon size={20} />
              </span>
              <span>{promise}</span>
            </li>
          ))}
        </ul>
      </section>
      {SECTIONS.map((section) => (
        <LegalSection
          key={section}
          id={`charter-${section}`}
          title={t(`legal.charter.${section}.title`)}
          paragraphs={t(`legal.charter.${section}.text`, { returnObjects: true }) as string[]}
        />
      ))}
      <LegalSection
        id="charter-data"
        title={t('legal.charter.dataTitle')}
        paragraphs={[t('legal.charter.data')]}
      >
        <p>
          <Link href={LEGAL_PATHS.dataProtection}>{t('legal.charter.seeData')}</Link>
        </p>
      </LegalSection>
      <LegalSection
        id="charter-changes"
        title={t('legal.charter.changesTitle')}
        paragraphs={[t('legal.charter.changes')]}
      >
        <ol className="legal__list" reversed>
          {[...CHARTER_VERSIONS].reverse().map((version) => (
            <li key={version.version}>
              {t('legal.charter.versionLine', {
                version: version.version,
                date: dateOf(version.publishedOn),
              })}{' '}
              {version.changes}
            </li>
          ))}
        </ol>
      </LegalSection>
    </LegalLayout>
  )
}
