/**
 * Which records count as evidence: those whose every judged field was understood. A test of an
 * unknown type, a result we cannot read, a dose that is not a number, a date that cannot be
 * parsed — such a record is shown to staff but no policy may count it (policyCredential passes
 * only understood records to the rules).
 */
import type { PassRecord, RecoveryRecord, TestRecord, VaccinationRecord } from './credential.ts';

export type KnownTest = TestRecord & { type: 'NAT' | 'RAT'; result: 'negative' | 'positive'; sampledAt: string };
export type KnownVaccination = VaccinationRecord & { dose: number; of: number; date: string };
export type KnownRecovery = Required<RecoveryRecord>;
export type KnownPass = Required<PassRecord>;

export const isKnownTest = (t: TestRecord): t is KnownTest => t.type !== 'unknown' && t.result !== 'unknown' && t.sampledAt !== undefined;
export const isKnownVaccination = (v: VaccinationRecord): v is KnownVaccination => v.dose !== undefined && v.of !== undefined && v.date !== undefined;
export const isKnownRecovery = (r: RecoveryRecord): r is KnownRecovery => r.validFrom !== undefined && r.validUntil !== undefined;
/** A pass counts only when its plug-in understood all of it: type 'unknown' (another pass type or version, unknown members) never does. */
export const isKnownPass = (p: PassRecord): p is KnownPass => p.type !== 'unknown' && p.validUntil !== undefined;
