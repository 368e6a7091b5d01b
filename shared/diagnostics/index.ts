import type { Diagnostic, Session, Severity } from '../model.js';
import { STEP_NAMES } from '../model.js';
import { authMethodRules } from './auth-method.js';
import { callbackRules } from './callback.js';
import { challengeRules } from './challenges.js';
import { discoveryRules } from './discovery.js';
import { dpopRules } from './dpop.js';
import { Facts } from './facts.js';
import { httpRules } from './http.js';
import { metadataGapRules } from './metadata-gaps.js';
import { registrationRules } from './registration.js';
import { resourceMetadataRules } from './resource-metadata.js';
import { resourceRules } from './resource.js';
import { secretRules } from './secrets.js';
import { tokenRules } from './tokens.js';
import type { Rule, RuleInfo } from './types.js';

export type { RuleInfo, SpecRef } from './types.js';

const ALL_RULES: readonly Rule[] = [
  ...authMethodRules,
  ...secretRules,
  ...registrationRules,
  ...discoveryRules,
  ...resourceMetadataRules,
  ...challengeRules,
  ...resourceRules,
  ...callbackRules,
  ...tokenRules,
  ...dpopRules,
  ...httpRules,
  ...metadataGapRules,
];

function info(rule: Rule): RuleInfo {
  const { check: _check, ...rest } = rule;
  return rest;
}

/** The catalogue: rule id → title, severities, the revisions it applies to, and its spec clause. */
export const RULES: Readonly<Record<string, RuleInfo>> = Object.freeze(
  Object.fromEntries(ALL_RULES.map((rule) => [rule.id, Object.freeze(info(rule))])),
);

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

export interface RunOptions {
  /** Told about a rule that threw; the rule then reports nothing and the others still run. */
  onRuleError?: (rule: string, error: unknown) => void;
}

/** Runs every rule that applies to the session's revision; sorted by severity, then step order. */
export function runDiagnostics(session: Session, opts: RunOptions = {}): Diagnostic[] {
  const facts = new Facts(session);
  const found: { diagnostic: Diagnostic; at: number; rank: number }[] = [];
  ALL_RULES.forEach((rule, rank) => {
    if (!rule.revisions.includes(session.revision)) return;
    let findings: ReturnType<Rule['check']>;
    try {
      findings = rule.check(facts);
    } catch (error) {
      // Sessions come from files too; one rule tripping over odd data must not hide the rest.
      opts.onRuleError?.(rule.id, error);
      return;
    }
    for (const f of findings) {
      const exchangeId = f.evidence.find((e) => e.exchangeId !== undefined)?.exchangeId;
      const diagnostic: Diagnostic = {
        rule: rule.id,
        severity: f.severity,
        title: f.title ?? rule.title,
        message: f.message,
        evidence: f.evidence,
        spec: f.spec ?? rule.spec,
      };
      if (f.symptom) diagnostic.symptom = f.symptom;
      const step = facts.stepOf(exchangeId);
      if (step) diagnostic.step = step;
      found.push({ diagnostic, at: exchangeId === undefined ? -1 : facts.position(exchangeId), rank });
    }
  });
  const stepIndex = (d: Diagnostic): number => (d.step ? STEP_NAMES.indexOf(d.step) : -1);
  found.sort(
    (a, b) =>
      SEVERITY_ORDER[a.diagnostic.severity] - SEVERITY_ORDER[b.diagnostic.severity] ||
      stepIndex(a.diagnostic) - stepIndex(b.diagnostic) ||
      a.at - b.at ||
      a.rank - b.rank,
  );
  return found.map((f) => f.diagnostic);
}
