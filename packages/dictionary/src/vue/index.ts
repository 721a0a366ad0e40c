export {
  configureDictionaries,
  refreshDictionaries,
  notifyDictionariesChanged,
  useDict,
  useDictLabels,
  dictLocale,
  DICTIONARIES_CHANGED_EVENT,
  type DictionariesConfig,
} from './store.js'
export { default as DictSelect } from './DictSelect.vue'
export { default as DictTag } from './DictTag.vue'
