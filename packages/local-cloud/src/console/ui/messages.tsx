/** A failed request's error, announced at once to screen readers; nothing when there is none. */
export function ErrorMessage({ error }: { readonly error?: string }) {
  return error ? (
    <p class="error" role="alert">
      {error}
    </p>
  ) : null;
}

/** What a request that worked did, announced politely; nothing when there is none. */
export function StatusMessage({ status }: { readonly status?: string }) {
  return status ? <p role="status">{status}</p> : null;
}
