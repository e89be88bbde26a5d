import { type QueryKey, useMutation, useQueryClient } from '@tanstack/react-query'

/**
 * A change sent to the server, after which the cached answers under `keys` are read again (so the
 * screen shows what the server now holds, not a guess).
 */
export function useChange<Input, Output = void>(
  send: (input: Input) => Promise<Output>,
  keys: readonly QueryKey[],
) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: send,
    onSuccess: () => Promise.all(keys.map((queryKey) => queryClient.invalidateQueries({ queryKey }))),
  })
}
