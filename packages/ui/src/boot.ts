// `@mosaic/ui/boot`: what a page needs before anyone signs in (the app's setup and the login
// form), free of the full Element Plus and its icon set. Not a federation share: the shell
// bundles it, and within the shell's build its modules are the very ones `@mosaic/ui` shares.
export { default as LoginForm } from './features/LoginForm.vue'
export { installMosaicApp, configureMosaicDictionaries } from './features/appSetup'
