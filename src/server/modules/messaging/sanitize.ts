import sanitizeHtml from 'sanitize-html'

/**
 * What a message body may hold: the formatting of the composer (paragraphs, emphasis, lists, quotes,
 * links), nothing that runs or loads (no script, style, image, frame, event attribute). Links open
 * outside Préau, without the opener and without the referrer.
 */
const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [
    'p',
    'br',
    'strong',
    'b',
    'em',
    'i',
    'u',
    's',
    'ul',
    'ol',
    'li',
    'blockquote',
    'a',
    'h2',
    'h3',
  ],
  allowedAttributes: { a: ['href'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  transformTags: {
    a: sanitizeHtml.simpleTransform('a', { target: '_blank', rel: 'noopener noreferrer nofollow' }),
  },
}

/** The body as kept: sanitised HTML for display, and its plain text for search and previews. */
export function sanitizeBody(html: string): { html: string; text: string } {
  const clean = sanitizeHtml(html, OPTIONS).trim()
  const text = sanitizeHtml(clean.replace(/<\/(p|li|h2|h3|blockquote)>|<br\s*\/?>/g, '$&\n'), {
    allowedTags: [],
    allowedAttributes: {},
  })
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/[ \t]+/g, ' ')
    .replace(/\n{3,}/g, '\n\n')
    .trim()
  return { html: clean, text }
}

/** Text the author typed, quoted as HTML (a reply's quotation, a report's context). */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
}
