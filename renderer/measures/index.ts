/** The wellbeing measures of a case, for the case screen: `<MeasuresPanel referralId={id} canRecord={role === 'link_worker'} />`. */
export { MeasureForm, type MeasureFormProps } from './MeasureForm';
export { MeasuresPanel, type MeasuresPanelProps } from './MeasuresPanel';
export { SwemwbsNotice } from './SwemwbsNotice';
