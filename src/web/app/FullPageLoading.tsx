import { LoadingState } from '../ui/LoadingState.tsx'

/** Shown while the first page's code arrives. */
export function FullPageLoading() {
  return (
    <div className="full-page-loading">
      <LoadingState />
    </div>
  )
}
