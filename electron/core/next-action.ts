// The recommendation weighs every error-level finding, not only the repair evidence: "Nothing to
// do" only when there is none. A lockout (passwords no login can match while step 5 counts as
// applied) comes before migrating, because migrating will not hash them.
import { message, ref } from '../shared/i18n';
import type { CheckFinding, ChecksSection, Recommendation } from '../shared/reports';

const LOCKOUT_CHECKS = ['users.password-hashed-prefix', 'users.password-not-bcrypt'];

function lockoutOf(checks: CheckFinding[]): CheckFinding | undefined {
  return checks.find((check) => LOCKOUT_CHECKS.includes(check.id) && check.severity === 'error');
}

/** A reason in English (as reports always had) and its catalog message beside it. */
const reasoned = (text: ReturnType<typeof message>) => ({ reason: text.text, msg: ref(text) });

export function refineRecommendation(base: Recommendation, section: ChecksSection): Recommendation {
  const lockout = lockoutOf(section.checks);
  const lockoutReason = lockout ? message('recommend.lockout', { count: lockout.rows.length }) : null;
  if (base.action === 'force-version' || base.action === 'restore-backup') {
    if (lockoutReason === null) return base;
    // The base reason is a part of its own, so each language renders both halves.
    const afterwards = message(
      'recommend.afterwards',
      { base: base.reason },
      {
        ...(base.msg === undefined ? {} : { base: [base.msg] }),
        lockout: [ref(lockoutReason)],
      },
    );
    return { ...base, ...reasoned(afterwards) };
  }
  if (lockout !== undefined && lockoutReason !== null) {
    return { action: 'fix', version: null, backup: null, check: lockout.id, ...reasoned(lockoutReason) };
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
      ...reasoned(
        message(
          'recommend.fixableError',
          { count: errors.length, title: fixable.title },
          fixable.title_msg === undefined ? undefined : { title: [fixable.title_msg] },
        ),
      ),
    };
  }
  return {
    action: 'checks',
    version: null,
    backup: null,
    ...reasoned(
      message('recommend.checkErrors', {
        count: errors.length,
        ids: errors.map((check) => check.id).join(', '),
      }),
    ),
  };
}
