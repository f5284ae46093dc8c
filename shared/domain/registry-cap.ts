import * as z from 'zod';
import { lazySchema } from './lazy-schema.js';
import { safeRecord } from './safe-record.js';
import { LanguageCode } from './vocabulary.js';

/**
 * What the registry says about Herald's CAP 1.2 documents and feeds: who signs them, the Canadian
 * Profile (CAP-CP) codes, and how the city and its divisions appear as CAP areas. The CAP
 * documents (`web/feeds/cap.ts`) read nothing else, so a receiver's expectations are configuration.
 */

/**
 * CAP 1.2 `sender` and `identifier` may not contain spaces, commas, `<` or `&` (the extended CAP
 * schema's pattern): `references` joins them with commas and spaces.
 */
const CapToken = lazySchema(() => z.string().regex(/^[^\s,&<]+$/, 'no spaces, commas, < or &'));

/**
 * CAP `areaDesc` per language. Google Public Alerts and CAP-CP receivers show at most about 50
 * characters, so a longer one is refused here rather than cut by someone else.
 */
const AreaDescription = lazySchema(() =>
  safeRecord(LanguageCode, z.string().min(1).max(49, 'under 50 characters')),
);

/** `[latitude, longitude]` in WGS 84 degrees, CAP's order (latitude first). */
const Coordinate = lazySchema(() => z.tuple([z.number().min(-90).max(90), z.number().min(-180).max(180)]));

export const CapPolygon = lazySchema(() =>
  z.strictObject({
    /**
     * True when the points only sketch the area (the sample registry's boxes are not real division
     * boundaries). CAP has no field for it, so the registry and the docs say so.
     */
    illustrative: z.boolean(),
    /** A closed ring (CAP 1.2, 3.3.2): at least four points, the last equal to the first. */
    points: z
      .array(Coordinate)
      .min(4)
      .refine((points) => {
        const [first, last] = [points[0], points.at(-1)];
        return first !== undefined && last !== undefined && first[0] === last[0] && first[1] === last[1];
      }, 'a closed ring: the last point must equal the first'),
  }),
);
export type CapPolygon = z.infer<typeof CapPolygon>;

/** A CAP-CP geocode: Statistics Canada's census subdivisions by default (Toronto is 3520005). */
export const CapGeocode = lazySchema(() =>
  z.strictObject({
    valueName: z.string().min(1).default('profile:CAP-CP:Location:0.3'),
    value: CapToken,
  }),
);

/** How a division appears in a CAP `area`: its description and, when known, its outline. */
export const CapArea = lazySchema(() =>
  z.strictObject({
    description: AreaDescription,
    polygon: CapPolygon.optional(),
  }),
);

/**
 * A CAP-CP event code (`profile:CAP-CP:Event:0.4`), e.g. `dangerPerson`, `missingVPer`,
 * `roadClose`, `civilEmerg`. Codes are letters and digits; the list has some of 3 characters
 * (`fog`) and one starting with a digit (`911Service`).
 */
export const CapEventCode = lazySchema(() =>
  z.string().regex(/^[A-Za-z0-9]{3,16}$/, 'a CAP-CP event code such as dangerPerson'),
);

export const CapSettings = lazySchema(() =>
  z.strictObject({
    /** CAP `sender`: globally unique, e.g. `alerts@police.example.org`. */
    senderId: CapToken,
    /** CAP `senderName`: the agency as readers know it. */
    senderName: safeRecord(LanguageCode, z.string().min(1)),
    /**
     * Put before the broadcast id to make the CAP `identifier`, e.g. a WMO-style OID
     * `urn:oid:2.49.0.1.124.<yours>.`; empty is fine, since broadcast ids never repeat.
     */
    identifierPrefix: z
      .string()
      .regex(/^[^\s,&<]*$/, 'no spaces, commas, < or &')
      .default(''),
    /** Message `code`s: the CAP-CP version the receivers expect (NAAD samples use 0.4; validators 1.0). */
    codes: z.array(z.string().min(1)).min(1).default(['profile:CAP-CP:0.4']),
    /** The `valueName` of every `eventCode`: the version of the CAP-CP event list. */
    eventCodeValueName: z.string().min(1).default('profile:CAP-CP:Event:0.4'),
    /** Region of the CAP `language` tags: `en` becomes `en-CA`, `fr` becomes `fr-CA`. */
    languageRegion: z
      .string()
      .regex(/^[A-Z]{2}$/)
      .default('CA'),
    /** The city as a CAP area: a city-wide alert's only area; its geocodes go in every area. */
    city: z.strictObject({
      description: AreaDescription,
      geocodes: z.array(CapGeocode).min(1),
    }),
  }),
);
export type CapSettings = z.infer<typeof CapSettings>;
