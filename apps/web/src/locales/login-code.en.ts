import type { loginCodeEs } from './login-code.es';

export const loginCodeEn: typeof loginCodeEs = {
  loginCode: {
    heading: 'Two-step verification',
    intro: 'Your account asks for a second step. Open your authenticator app and enter the 6-digit code.',
    code: 'Verification code',
    codeHint: 'The 6 digits your app shows now.',
    recoveryIntro: 'Enter one of the recovery codes you saved. Each code works only once.',
    recovery: 'Recovery code',
    recoveryHint: 'As on your list, for example k7qm-3xhd-9prt.',
    useRecovery: 'Use a recovery code',
    useApp: 'Use the code from the app',
    submit: 'Verify and sign in',
    back: 'Back to e-mail and password',
    missing: 'Enter the code.',
    setUpLink: 'Turn on two-step verification in My account',
  },
};
