// The amount under which a balance is not chased, for one currency of one policy.
import { wholeUnits, type Minor } from './money';
import type { Policy } from './policy';

export function smallBalanceThreshold(policy: Policy, currency: string): Minor {
  const code = currency.toUpperCase();
  return policy.smallBalance.byCurrency[code] ?? wholeUnits(policy.smallBalance.wholeUnitsOtherwise, code);
}
