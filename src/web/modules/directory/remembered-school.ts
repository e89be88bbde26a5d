const STORAGE_KEY = 'preau.directory.school'

/** The school last chosen in the directory on this device, if any. */
export function rememberedSchool(): string | null {
  try {
    return localStorage.getItem(STORAGE_KEY)
  } catch {
    return null
  }
}

/** Remembers the school chosen, so the directory opens on it next time. */
export function rememberSchool(schoolId: string): void {
  try {
    localStorage.setItem(STORAGE_KEY, schoolId)
  } catch {
    // Private browsing may refuse storage: the choice then lasts as long as the address.
  }
}
