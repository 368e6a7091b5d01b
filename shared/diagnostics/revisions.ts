import type { Revision } from '../model.js';
import { REVISIONS } from '../model.js';

export const ALL: readonly Revision[] = REVISIONS;
/** Protected resource metadata (RFC 9728) and resource indicators arrived in 2025-06-18. */
export const SINCE_2025_06: readonly Revision[] = ['2026-07-28', '2025-11-25', '2025-06-18'];
/** Client ID metadata documents, the scope strategy and step-up arrived in 2025-11-25. */
export const SINCE_2025_11: readonly Revision[] = ['2026-07-28', '2025-11-25'];
