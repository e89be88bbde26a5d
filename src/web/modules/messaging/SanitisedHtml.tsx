/**
 * A message body as the server kept it: sanitised there with an allow-list of formatting tags (no
 * script, no style, no image, links only http(s) and mailto), so it is shown as HTML.
 */
export function SanitisedHtml({ html, className }: { html: string; className?: string }) {
  return (
    // biome-ignore lint/security/noDangerouslySetInnerHtml: sanitised by the server (sanitize.ts), never raw input
    <div className={className} dangerouslySetInnerHTML={{ __html: html }} />
  )
}
