/** Casework on the case screen (`<CaseworkPanel referralId={id} canEdit={role === 'link_worker'} onChanged={…} />`) and the caseload. */
export { CaseworkPanel, type CaseworkPanelProps } from './CaseworkPanel';
export { CaseloadScreen } from './CaseloadScreen';
