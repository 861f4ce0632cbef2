// The recommendation weighs every error-level finding, not only the repair evidence: "Nothing to
// do" only when there is none. A lockout (passwords no login can match while step 5 counts as
// applied) comes before migrating, because migrating will not hash them.
import type { CheckFinding, ChecksSection, Recommendation } from '../shared/reports';

const LOCKOUT_CHECKS = ['users.password-hashed-prefix', 'users.password-not-bcrypt'];

function lockoutOf(checks: CheckFinding[]): CheckFinding | undefined {
  return checks.find((check) => LOCKOUT_CHECKS.includes(check.id) && check.severity === 'error');
}

export function refineRecommendation(base: Recommendation, section: ChecksSection): Recommendation {
  const lockout = lockoutOf(section.checks);
  const lockoutReason = lockout
    ? `Nobody can log in: ${lockout.rows.length === 1 ? 'a password is not a bcrypt hash' : `${lockout.rows.length} passwords are not bcrypt hashes`} and migration 5 will not hash ${lockout.rows.length === 1 ? 'it' : 'them'}. The password fix hashes them as migration 5 does (bcrypt, cost 10), reversibly; or set the admin password.`
    : null;
  if (base.action === 'force-version' || base.action === 'restore-backup') {
    return lockoutReason === null ? base : { ...base, reason: `${base.reason} Afterwards: ${lockoutReason}` };
  }
  if (lockout !== undefined && lockoutReason !== null) {
    return { action: 'fix', version: null, backup: null, check: lockout.id, reason: lockoutReason };
  }
  if (base.action === 'migrate') return base;
  const errors = section.checks.filter((check) => check.severity === 'error');
  if (errors.length === 0) return base;
  const fixable = errors.find((check) => check.fixable);
  if (fixable !== undefined) {
    return {
      action: 'fix',
      version: null,
      backup: null,
      check: fixable.id,
      reason: `${errors.length === 1 ? 'One check finds an error' : `${errors.length} checks find errors`}; ${fixable.title} has a safe, reversible fix.`,
    };
  }
  return {
    action: 'checks',
    version: null,
    backup: null,
    reason: `${errors.length === 1 ? 'One check finds an error' : `${errors.length} checks find errors`} the panel or Xray will not accept (${errors.map((check) => check.id).join(', ')}); see the checks.`,
  };
}
