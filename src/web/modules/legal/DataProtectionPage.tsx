import { useTranslation } from 'react-i18next'
import { LEGAL_PATHS } from '../../app/SiteFooter.tsx'
import { Link } from '../../ui/Link.tsx'
import { PublicRegister } from '../data-protection/PublicRegister.tsx'
import { DeploymentContact } from './DeploymentContact.tsx'
import { LegalLayout, LegalSection } from './LegalLayout.tsx'
import { ARRETE_ENT_2006_URL } from './legal-texts.ts'

/**
 * "Données personnelles" (public): what Préau processes and why, on what legal basis, who is
 * responsible, how long it is kept, the rights and how to use them, and the audit of administrators'
 * access — in plain words, for parents first.
 */
export function DataProtectionPage() {
  const { t } = useTranslation()
  return (
    <LegalLayout title={t('legal.data.title')} intro={t('legal.data.intro')}>
      <LegalSection
        id="data-who"
        title={t('legal.data.whoTitle')}
        paragraphs={t('legal.data.who', { returnObjects: true }) as string[]}
      >
        <DeploymentContact />
      </LegalSection>
      <LegalSection
        id="data-why"
        title={t('legal.data.whyTitle')}
        items={t('legal.data.why', { returnObjects: true }) as string[]}
      >
        <p>{t('legal.data.whyNot')}</p>
      </LegalSection>
      <LegalSection
        id="data-basis"
        title={t('legal.data.basisTitle')}
        paragraphs={t('legal.data.basis', { returnObjects: true }) as string[]}
      >
        <p>
          <a className="link" href={ARRETE_ENT_2006_URL} rel="noopener">
            {t('legal.data.arreteLink')}
          </a>
        </p>
      </LegalSection>
      <LegalSection
        id="data-what"
        title={t('legal.data.whatTitle')}
        items={t('legal.data.what', { returnObjects: true }) as string[]}
      />
      <LegalSection
        id="data-seen"
        title={t('legal.data.seenTitle')}
        paragraphs={t('legal.data.seen', { returnObjects: true }) as string[]}
      />
      <LegalSection
        id="data-kept"
        title={t('legal.data.keptTitle')}
        paragraphs={t('legal.data.kept', { returnObjects: true }) as string[]}
      >
        <p>{t('legal.data.statistics')}</p>
      </LegalSection>
      <LegalSection
        id="data-rights"
        title={t('legal.data.rightsTitle')}
        items={t('legal.data.rights', { returnObjects: true }) as string[]}
      >
        {(t('legal.data.rightsHow', { returnObjects: true }) as string[]).map((paragraph) => (
          <p key={paragraph}>{paragraph}</p>
        ))}
        <p>
          <Link href="/mes-donnees">{t('dataProtection.myData.title')}</Link>
        </p>
      </LegalSection>
      <LegalSection
        id="data-register"
        title={t('dataProtection.register.publicTitle')}
        paragraphs={[t('dataProtection.register.publicIntro')]}
      >
        <PublicRegister />
      </LegalSection>
      <LegalSection
        id="data-audit"
        title={t('legal.data.auditTitle')}
        paragraphs={t('legal.data.audit', { returnObjects: true }) as string[]}
      />
      <LegalSection
        id="data-cookies"
        title={t('legal.data.cookiesTitle')}
        paragraphs={t('legal.data.cookies', { returnObjects: true }) as string[]}
      >
        <p>
          <Link href={LEGAL_PATHS.charter}>{t('legal.data.seeCharter')}</Link>
        </p>
      </LegalSection>
    </LegalLayout>
  )
}
