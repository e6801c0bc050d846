import type { AlgName } from '../../crypto/algorithms.ts';

/** Numbers of the CN health code v1 (docs/formats/cn-health-code.md). */
export const FORMAT_ID = 'cn-hc';
/** Alphanumeric-mode only, so the whole QR stays in the dense alphanumeric mode. */
export const PREFIX = 'CNHC1:';

/** The two signature algorithms the format allows (COSE -7 and -65537). */
export const ALGORITHMS: readonly AlgName[] = ['ES256', 'SM2-SM3'];

/** A key id is the first 8 bytes of the key's RFC 7638 thumbprint (§5.5); the COSE kid is exactly that. */
export const KID_BYTES = 8;

/** CWT claim keys (RFC 8392). */
export const CLAIM = { iss: 1, exp: 4, nbf: 5, iat: 6, cti: 7 } as const;
/** The health code claim: first value of the CWT Claims registry's private-use range. */
export const CLAIM_HEALTH_CODE = -65537;

/** Keys inside the health code claim map. */
export const HC = { ver: 1, status: 2, holder: 3, tests: 4, vaccinations: 5 } as const;
export const HOLDER = { name: 1, birthDate: 2, idTail: 3 } as const;
export const TEST = { type: 1, result: 2, sampledAt: 3 } as const;
export const VACC = { dose: 1, of: 2, date: 3, product: 4 } as const;

export const PAYLOAD_VERSION = 1;
/**
 * Longest validity (exp - iat) a verifier accepts. Issuers use hours; the cap bounds how long a
 * screenshot lives and how far a leaked, since-retired key could reach past its retirement.
 */
export const MAX_VALIDITY_S = 72 * 3600;
export const STATUS_CODES = ['green', 'yellow', 'red'] as const;
// Maps, not objects: a Map lookup of the string "1" finds nothing, as it must.
export const TEST_TYPES = new Map<unknown, 'NAT' | 'RAT'>([[1, 'NAT'], [2, 'RAT']]);
export const TEST_RESULTS = new Map<unknown, 'negative' | 'positive'>([[0, 'negative'], [1, 'positive']]);

/*
 * v1.1: device-bound codes and live presentations (docs/formats/cn-health-code.md §14).
 * A bound code carries the holder device's public key in the CWT `cnf` claim (RFC 8747: key 8,
 * holding {1: COSE_Key}); the COSE_Key is EC2 P-256 ({1: 2, -1: 1, -2: x, -3: y}, 32-byte x and y).
 * The holder shows a presentation instead of the bare code:
 *   `CNHP1:` + base45( CBOR [ code bytes, slot, device signature ] )
 * code bytes: the bytes the bare code's base45 carries (its zlib stream); slot: floor(unix seconds
 * / SLOT_SECONDS) when it was made; device signature: ES256 (raw r||s, 64 bytes) over the CBOR
 * encoding of [ "CNHP1", slot, SHA-256(code bytes) ].
 */
export const CLAIM_CNF = 8;
export const CNF_COSE_KEY = 1;
export const COSE_KEY = { kty: 1, crv: -1, x: -2, y: -3 } as const;
export const COSE_KTY_EC2 = 2;
export const COSE_CRV_P256 = 1;
export const PRESENTATION_PREFIX = 'CNHP1:';
/** The text the device signature's input starts with: a presentation signature is never anything else's. */
export const PRESENTATION_CONTEXT = 'CNHP1';
/** A presentation is re-made every slot; its QR changes while the holder watches. */
export const SLOT_SECONDS = 10;
/** How far from the gate's clock a presentation's slot may be when the policy says nothing. */
export const DEFAULT_PRESENTATION_WINDOW_S = 60;
