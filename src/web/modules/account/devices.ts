/** What a user agent says in plain words: the browser, the system, and whether it is a phone. */
export type Device = { browser: string | null; system: string | null; isMobile: boolean }

// Order matters: Edge, Opera and Samsung Internet also say "Chrome"; Chrome also says "Safari".
const BROWSERS: [RegExp, string][] = [
  [/Edg(e|A|iOS)?\//, 'Edge'],
  [/OPR\/|Opera/, 'Opera'],
  [/SamsungBrowser\//, 'Samsung Internet'],
  [/Firefox\/|FxiOS\//, 'Firefox'],
  [/Chrome\/|CriOS\/|Chromium\//, 'Chrome'],
  [/Safari\//, 'Safari'],
]

const SYSTEMS: [RegExp, string][] = [
  [/iPhone/, 'iPhone'],
  [/iPad/, 'iPad'],
  [/Android/, 'Android'],
  [/Windows/, 'Windows'],
  [/CrOS/, 'ChromeOS'],
  [/Mac OS X|Macintosh/, 'macOS'],
  [/Linux/, 'Linux'],
]

/**
 * Reads a user agent well enough to tell one's own devices apart ("Firefox", "Android"); exact
 * versions do not help anyone recognise a device, so they are left out.
 */
export function describeUserAgent(userAgent: string | null): Device {
  const ua = userAgent ?? ''
  const browser = BROWSERS.find(([pattern]) => pattern.test(ua))?.[1] ?? null
  const system = SYSTEMS.find(([pattern]) => pattern.test(ua))?.[1] ?? null
  return { browser, system, isMobile: /Mobile|iPhone|iPad|Android/.test(ua) }
}
