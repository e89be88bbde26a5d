import { Card } from '../../ui/Card.tsx'
import { ErrorMessage } from '../../ui/ErrorMessage.tsx'
import { LoadingState } from '../../ui/LoadingState.tsx'
import { PageHeading, usePageTitle } from '../../ui/PageHeading.tsx'
import { formatDate, usePublicDeliberations } from './api.ts'
import './governance.css'

/** The published deliberations, readable by anyone without signing in, with their date online. */
export function PublicDeliberationsPage() {
  usePageTitle('Délibérations publiées')
  const list = usePublicDeliberations()
  return (
    <main className="gov-public">
      <PageHeading>Délibérations du syndicat</PageHeading>
      <p className="page-intro">
        Les délibérations du comité syndical, publiées en ligne avec leur extrait certifié. Les données sont
        aussi disponibles au <a href="/api/public/deliberations.csv">format ouvert SCDL (CSV)</a>.
      </p>
      {list.isPending ? (
        <LoadingState />
      ) : list.isError ? (
        <ErrorMessage error={list.error} onRetry={() => list.refetch()} />
      ) : list.data.deliberations.length === 0 ? (
        <p>Aucune délibération n’est encore publiée.</p>
      ) : (
        <ul className="gov-list">
          {list.data.deliberations.map((d) => (
            <Card as="li" key={d.id}>
              <h2>
                Délibération {d.number} — {d.object}
              </h2>
              <p>
                {d.bodyName}, séance du {formatDate(d.heldAt)}. {d.wording ? `${d.wording}.` : ''}
              </p>
              <p>
                Mise en ligne le {formatDate(d.publishedAt)}
                {d.transmittedAt
                  ? ` · transmise au contrôle de légalité le ${formatDate(d.transmittedAt)}`
                  : ''}
                .
              </p>
              <a href={`/api/public/deliberations/${d.id}/extrait.pdf`}>Lire l’extrait {d.number} (PDF)</a>
              {d.annexes.length > 0 && (
                <ul aria-label={`Annexes de la délibération ${d.number}`}>
                  {d.annexes.map((a) => (
                    <li key={a.id}>
                      <a href={`/api/public/deliberations/${d.id}/annexes/${a.id}`}>
                        Annexe : {a.title} (PDF)
                      </a>
                    </li>
                  ))}
                </ul>
              )}
            </Card>
          ))}
        </ul>
      )}
    </main>
  )
}
