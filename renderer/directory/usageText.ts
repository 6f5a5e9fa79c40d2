import type { Usage } from '../../main/contract/directory';

/** "Used 3 times, taken up 2": how often people were signposted or referred to it, and went. */
export function usageText(usage: Usage): string {
  const used = usage.signposted + usage.referred;
  if (used === 0) return 'Not used yet';
  return `Used ${used === 1 ? 'once' : `${used} times`}, taken up ${usage.takenUp}`;
}
