/** The sign-in's second step (verification code) and the notice that a role needs it: on every page. */
export const loginCodeEs = {
  loginCode: {
    heading: 'Verificación en dos pasos',
    intro:
      'Su cuenta pide un segundo paso. Abra su aplicación de autenticación e ingrese el código de 6 dígitos.',
    code: 'Código de verificación',
    codeHint: 'Los 6 dígitos que muestra su aplicación ahora.',
    recoveryIntro: 'Ingrese uno de los códigos de recuperación que guardó. Cada código sirve una sola vez.',
    recovery: 'Código de recuperación',
    recoveryHint: 'Como figura en su lista, por ejemplo k7qm-3xhd-9prt.',
    useRecovery: 'Usar un código de recuperación',
    useApp: 'Usar el código de la aplicación',
    submit: 'Verificar e ingresar',
    back: 'Volver a correo y contraseña',
    missing: 'Ingrese el código.',
    setUpLink: 'Activar la verificación en dos pasos en Mi cuenta',
  },
};
