const built = new Map<string, Intl.DateTimeFormat>();

/**
 * One Intl.DateTimeFormat per locale, shape and time zone for the whole process. Building one costs
 * about 25 times formatting with it: the console's board formats hundreds of times a page, and the
 * public site, which built one for every time it printed, spent about 200 ms of CPU per approval
 * doing it (bench:fanout's CPU profile, issue 17). `shape` names the options, so callers that ask
 * for the same shape always pass the same options.
 */
export function dateTimeFormat(
  locale: string,
  shape: string,
  timeZone: string,
  options: Intl.DateTimeFormatOptions,
): Intl.DateTimeFormat {
  const key = `${locale} ${shape} ${timeZone}`;
  let format = built.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { ...options, timeZone });
    built.set(key, format);
  }
  return format;
}
