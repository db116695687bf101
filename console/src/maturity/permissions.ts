/** The maturity engine's permission strings (server: io.tianshu.maturity.MaturityPermissions). */
export const M = {
  READ: 'maturity.assessment.read',
  ASSESS: 'maturity.assessment.write',
  REVIEW: 'maturity.assessment.approve',
} as const;
