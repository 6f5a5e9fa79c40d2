import type { ComponentType } from 'react';
import { type ChannelName, contract, roleMayCall } from '../../main/contract';
import type { Role } from '../../main/contract/roles';
import { recall, remember } from '../shared/sessionMemory';

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

export interface View {
  id: ViewId;
  referralId?: number;
}

/**
 * Which screen was open, so unlocking returns the person to it (ids only, no patient data). It is
 * the signed-in person's own (see sessionMemory): the next person to sign in starts at Home.
 */
export function rememberedView(): View {
  return recall<View>('view', 'session') ?? { id: 'home' };
}

export function rememberView(view: View): void {
  remember('view', view, 'session');
}
