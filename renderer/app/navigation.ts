import type { ComponentType } from 'react';
import { type ChannelName, contract, roleMayCall } from '../../main/contract';
import type { Role } from '../../main/contract/roles';

export type ViewId = 'home' | 'directory' | 'users' | 'settings' | 'audit' | 'account';

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
