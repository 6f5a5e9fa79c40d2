import type { ComponentType } from 'react';
import { type ChannelName, contract, roleMayCall } from '../../main/contract';
import type { Role } from '../../main/contract/roles';

export type ViewId = 'home' | 'new-referral' | 'my-referrals' | 'inbox' | 'caseload' | 'coding' | 'mdt' | 'stories' | 'newsletter' | 'directory' | 'users' | 'settings' | 'audit' | 'account';

export interface NavItem {
  id: ViewId;
  label: string;
  /** The item shows only to roles that main lets call this channel: one rule, from the contract. */
  needs?: ChannelName;
  icon: ComponentType;
}

export function visibleItems(items: readonly NavItem[], role: Role): NavItem[] {
  return items.filter((item) => !item.needs || roleMayCall(contract[item.needs].access, role));
}

const VIEW_KEY = 'signpost.view';

/** Which screen was open, so unlocking returns the person to it (no patient data is kept here). */
export function rememberedView(): { id: ViewId; referralId?: number } {
  try {
    return JSON.parse(sessionStorage.getItem(VIEW_KEY) ?? '') as { id: ViewId; referralId?: number };
  } catch {
    return { id: 'home' };
  }
}

export function rememberView(view: { id: ViewId; referralId?: number }): void {
  sessionStorage.setItem(VIEW_KEY, JSON.stringify(view));
}
