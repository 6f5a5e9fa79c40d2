/** What other capabilities read from casework: the MDT issue builds its list from flaggedForMdt. */
export { type FlaggedCase, flaggedForMdt } from './mdt';
export { loadCaseFile } from './caseFile';
export { caseMessageBackDraft } from './closure';
