export const MAX_URL_LENGTH = 2048;

/**
 * Why a URL may not be shortened, or undefined when it may. Only absolute http(s) URLs with a
 * host and no credentials: this blocks javascript:/data: links and phishing-style user:pass@host.
 */
export function targetUrlProblem(raw: string): string | undefined {
  if (raw.length > MAX_URL_LENGTH) return `must be at most ${MAX_URL_LENGTH} characters`;
  // The URL is stored as sent, so it must already be clean: no spaces or control characters.
  if (/[\s\p{Cc}]/u.test(raw)) return "must not contain spaces or control characters";
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return "must be an absolute URL such as https://example.org/page";
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return "must use http or https";
  if (!/^https?:\/\/[^/]/i.test(raw))
    return "must be an absolute URL such as https://example.org/page";
  if (url.username || url.password) return "must not contain credentials";
  if (!url.hostname) return "must have a host";
  return undefined;
}

/** True when the URL points back at this service (a redirect loop or an open-redirect relay). */
export function pointsToService(raw: string, serviceHosts: (string | undefined)[]): boolean {
  const host = new URL(raw).host.toLowerCase();
  return serviceHosts.some((candidate) => candidate?.toLowerCase() === host);
}
