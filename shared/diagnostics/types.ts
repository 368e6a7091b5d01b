import type { Diagnostic, Evidence, Revision, Severity } from '../model.js';
import type { Facts } from './facts.js';

export interface SpecRef {
  ref: string;
  url: string;
}

/** What the catalogue says about a rule; exported through RULES. */
export interface RuleInfo {
  id: string;
  title: string;
  /** Every severity the rule can report. */
  severities: readonly Severity[];
  /** The MCP revisions the rule applies to. */
  revisions: readonly Revision[];
  /** Where the severity depends on the revision (absent: the same everywhere). */
  severityByRevision?: Partial<Record<Revision, readonly Severity[]>>;
  spec: SpecRef;
}

/** One thing a rule found; index.ts fills in the rule id and the defaults. */
export interface Finding {
  severity: Severity;
  message: string;
  evidence: Evidence[];
  title?: string;
  spec?: SpecRef;
  symptom?: string;
}

export interface Rule extends RuleInfo {
  check(facts: Facts): Finding[];
}

export type { Diagnostic };
