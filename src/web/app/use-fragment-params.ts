import { useEffect, useState } from 'react'
import { useLocation, useNavigate } from 'react-router'

type FragmentState = { fragment?: Record<string, string> }

function readParams<K extends string>(
  keys: readonly K[],
  hash: string,
  state: unknown,
): Partial<Record<K, string>> {
  const fromHash = new URLSearchParams(hash.replace(/^#/, ''))
  const fromState = (state as FragmentState | null)?.fragment ?? {}
  const result: Partial<Record<K, string>> = {}
  for (const key of keys) {
    const value = fromHash.get(key) ?? fromState[key]
    if (value) result[key] = value
  }
  return result
}

/**
 * Reads parameters passed in the address's fragment (`#jeton=…`, `#identifiant=…&code=…`): the part a
 * browser never sends to a server nor in a Referer. Once read, the fragment leaves the address bar and
 * the history (a code or a token must not linger there); the values stay in this history entry's
 * state, so a reload still finds them. A new fragment on the same page (a second link opened in the
 * same tab) replaces them.
 */
export function useFragmentParams<K extends string>(keys: readonly K[]): Partial<Record<K, string>> {
  const location = useLocation()
  const navigate = useNavigate()
  const [values, setValues] = useState(() => readParams(keys, location.hash, location.state))

  useEffect(() => {
    if (!location.hash) return
    const next = readParams(keys, location.hash, location.state)
    setValues(next)
    const state: FragmentState = {
      ...(location.state as object | null),
      fragment: next as Record<string, string>,
    }
    navigate({ pathname: location.pathname, search: location.search }, { replace: true, state })
  }, [keys, location, navigate])

  return values
}
