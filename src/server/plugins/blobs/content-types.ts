import fs from 'node:fs/promises'
import path from 'node:path'
import { fileTypeFromFile } from 'file-type'
import { HttpProblem } from '../errors.ts'

/**
 * What a file is, decided from its bytes (`file-type`, then a look at the text of those it does not
 * know), never from what the client says. A file is refused when it is a program, a web page, an SVG
 * image or a script (415), when its type is not on the caller's list (415), or when its bytes contradict
 * the extension of its name (422): a PNG named `.pdf` would open in the wrong application.
 */

/** Extensions each accepted type may carry. The first one names the type in messages. */
const EXTENSIONS: Record<string, readonly string[]> = {
  'image/jpeg': ['jpg', 'jpeg', 'jpe', 'jfif'],
  'image/png': ['png'],
  'image/apng': ['png', 'apng'],
  'image/gif': ['gif'],
  'image/webp': ['webp'],
  'image/avif': ['avif'],
  'image/heic': ['heic', 'heif'],
  'image/heif': ['heif', 'heic'],
  'image/tiff': ['tif', 'tiff'],
  'image/bmp': ['bmp'],
  'application/pdf': ['pdf'],
  'text/plain': ['txt', 'text', 'md', 'log'],
  'text/csv': ['csv'],
  'text/calendar': ['ics'],
  'text/vcard': ['vcf'],
  'application/rtf': ['rtf'],
  'application/vnd.oasis.opendocument.text': ['odt'],
  'application/vnd.oasis.opendocument.spreadsheet': ['ods'],
  'application/vnd.oasis.opendocument.presentation': ['odp'],
  'application/vnd.oasis.opendocument.graphics': ['odg'],
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': ['docx'],
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': ['xlsx'],
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': ['pptx'],
  'application/vnd.openxmlformats-officedocument.presentationml.slideshow': ['ppsx'],
  // Office 97–2003 files are compound files: Word, Excel and PowerPoint share the one signature.
  'application/x-cfb': ['doc', 'xls', 'ppt', 'pps'],
  'application/epub+zip': ['epub'],
  'application/zip': ['zip'],
  'audio/mpeg': ['mp3'],
  'audio/mp4': ['m4a', 'mp4'],
  'audio/x-m4a': ['m4a'],
  'audio/aac': ['aac'],
  'audio/ogg': ['ogg', 'oga', 'opus'],
  'audio/ogg; codecs=opus': ['opus', 'ogg'],
  'audio/wav': ['wav'],
  'audio/flac': ['flac'],
  'video/mp4': ['mp4', 'm4v'],
  'video/x-m4v': ['m4v', 'mp4'],
  'video/quicktime': ['mov', 'qt'],
  'video/webm': ['webm'],
  'video/ogg': ['ogv', 'ogg'],
}

/** What an upload may be unless the caller says otherwise: documents, pictures, sound and video. */
export const DEFAULT_ALLOWED_TYPES: readonly string[] = Object.keys(EXTENSIONS)

/** Pictures a browser may show in a page, and PDF: the only types ever served `inline`. */
export const INLINE_TYPES: ReadonlySet<string> = new Set([
  'image/jpeg',
  'image/png',
  'image/apng',
  'image/gif',
  'image/webp',
  'image/avif',
  'application/pdf',
])

/** Sniffed types that run code: programs, installers, web pages, SVG, scripts. */
const DANGEROUS_TYPES = new Set([
  'application/x-elf',
  'application/x-mach-binary',
  'application/x-msdownload',
  'application/x-sharedlib',
  'application/x-executable',
  'application/java-vm',
  'application/java-archive',
  'application/vnd.android.package-archive',
  'application/wasm',
  'application/x-shockwave-flash',
  'application/x-ms-shortcut',
  'application/x-google-chrome-extension',
  'application/x-xpinstall',
  'application/vnd.ms-htmlhelp',
  'application/x-deb',
  'application/x-rpm',
  'application/x-apple-diskimage',
  'application/x-ms-regedit',
  'text/html',
  'application/xhtml+xml',
  'image/svg+xml',
  'text/javascript',
  'text/x-shellscript',
])

/** Names that a computer would run or a browser render, whatever their bytes. */
const DANGEROUS_EXTENSIONS = new Set(
  (
    'exe dll com scr msi msp cpl sys drv bat cmd ps1 psm1 vbs vbe js jse mjs cjs wsf wsh hta lnk reg ' +
    'sh bash zsh csh ksh command py pyc pl rb php phtml jar class apk app dmg pkg deb rpm run bin elf so ' +
    'dylib wasm html htm xhtml shtml xht mht mhtml svg svgz xsl xslt swf'
  ).split(' '),
)

/** Known extension → the types whose bytes may carry it. */
const TYPES_BY_EXTENSION = new Map<string, Set<string>>()
for (const [type, extensions] of Object.entries(EXTENSIONS)) {
  for (const extension of extensions) {
    const types = TYPES_BY_EXTENSION.get(extension) ?? new Set<string>()
    types.add(type)
    TYPES_BY_EXTENSION.set(extension, types)
  }
}

/** How much of a file is read to tell text from markup. */
const TEXT_SAMPLE_BYTES = 64 * 1024

// Tags that make a browser treat text as a page (or that only a page or an image of code contains).
const MARKUP =
  /<\s*(?:!doctype\s+html|html|head|body|script|iframe|frame|frameset|object|embed|svg|math|meta|link|style|base|form)[\s/>]/i

export const dangerousFile = () =>
  new HttpProblem(
    415,
    'dangerous-file',
    'Ce fichier ne peut pas être déposé : les programmes, les pages web, les images SVG et les scripts sont refusés.',
  )

export const typeNotAllowed = (contentType: string, allowed: readonly string[]) =>
  new HttpProblem(
    415,
    'unsupported-file-type',
    `Ce type de fichier n’est pas accepté ici (${describe(allowed)}).`,
    {
      contentType,
    },
  )

export const nameMismatch = () =>
  new HttpProblem(422, 'file-name-mismatch', 'Le contenu du fichier ne correspond pas à son nom.')

export const emptyFile = () => new HttpProblem(422, 'empty-file', 'Le fichier est vide.')

function describe(allowed: readonly string[]): string {
  const extensions = [...new Set(allowed.map((type) => EXTENSIONS[type]?.[0]).filter(Boolean))]
  if (extensions.length === 0) return 'aucun type n’est accepté'
  const shown = extensions.slice(0, 8).map((extension) => `.${extension}`)
  return `fichiers acceptés : ${shown.join(', ')}${extensions.length > 8 ? '…' : ''}`
}

/** The usual extension of an accepted type ('' for others). */
export function extensionFor(contentType: string): string {
  return EXTENSIONS[contentType]?.[0] ?? ''
}

/** The lower-case extension of a file name, without its dot; '' when it has none. */
export function extensionOf(fileName: string): string {
  return path.extname(fileName).slice(1).toLowerCase()
}

/**
 * The type of the file at `filePath` from its bytes: `file-type` for binary formats; for the rest,
 * markup (HTML, SVG, XML), scripts (`#!`), text (CSV when so named) or unknown binary.
 */
export async function sniffContentType(filePath: string, fileName: string): Promise<string> {
  const detected = await fileTypeFromFile(filePath)
  if (detected && detected.mime !== 'application/xml') return detected.mime
  const sample = await readStart(filePath, TEXT_SAMPLE_BYTES)
  if (!detected && sample.includes(0)) return 'application/octet-stream'
  const text = sample
    .toString('latin1')
    .replace(/^\uFEFF|^\xEF\xBB\xBF/, '')
    .trimStart()
  const isXml = text.startsWith('<?xml') || detected !== undefined
  if (/^<svg[\s>]/i.test(text) || (isXml && /<\s*svg[\s>]/i.test(text))) return 'image/svg+xml'
  if (MARKUP.test(text)) return 'text/html'
  if (isXml) return 'application/xml'
  if (text.startsWith('#!')) return 'text/x-shellscript'
  return extensionOf(fileName) === 'csv' ? 'text/csv' : 'text/plain'
}

/** Refuses at once a name that a browser or a computer would run, before any byte is read. */
export function checkFileName(fileName: string): void {
  if (DANGEROUS_EXTENSIONS.has(extensionOf(fileName))) throw dangerousFile()
}

/**
 * The type of an uploaded file once its bytes and name are checked against `allowed`; throws the
 * problem to answer otherwise.
 */
export async function checkContent(
  filePath: string,
  size: number,
  fileName: string,
  allowed: readonly string[],
): Promise<string> {
  checkFileName(fileName)
  if (size === 0) throw emptyFile()
  const contentType = await sniffContentType(filePath, fileName)
  if (DANGEROUS_TYPES.has(contentType)) throw dangerousFile()
  const expected = TYPES_BY_EXTENSION.get(extensionOf(fileName))
  if (expected && !expected.has(contentType)) throw nameMismatch()
  if (!allowed.includes(contentType)) throw typeNotAllowed(contentType, allowed)
  return contentType
}

async function readStart(filePath: string, length: number): Promise<Buffer> {
  const handle = await fs.open(filePath, 'r')
  try {
    const buffer = Buffer.alloc(length)
    const { bytesRead } = await handle.read(buffer, 0, length, 0)
    return buffer.subarray(0, bytesRead)
  } finally {
    await handle.close()
  }
}

/**
 * A file name fit to keep and show: no folder, no control character, NFC, at most 255 characters
 * (the extension kept); `fichier` when nothing is left.
 */
export function cleanFileName(name: string | undefined): string {
  const base = (name ?? '').normalize('NFC').split(/[\\/]/).pop() ?? ''
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed
  const cleaned = base.replace(/[\u0000-\u001f\u007f-\u009f]/g, '').trim()
  if (cleaned === '' || cleaned === '.' || cleaned === '..') return 'fichier'
  if (cleaned.length <= 255) return cleaned
  const extension = path.extname(cleaned).slice(0, 32)
  return cleaned.slice(0, 255 - extension.length) + extension
}
