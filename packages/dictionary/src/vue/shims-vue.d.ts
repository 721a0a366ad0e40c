// Lets plain `tsc` resolve the SFC imports; apps type-check the SFCs themselves with vue-tsc.
declare module '*.vue' {
  import type { DefineComponent } from 'vue'
  const component: DefineComponent<object, object, unknown>
  export default component
}
