import { ref } from 'vue'
import { defineStore } from 'pinia'
import { approvalsApi } from './api'

/**
 * The number of approval tasks waiting for the signed-in user: the header's badge polls it, the
 * approval center refreshes it after every decision, so both always show the same number.
 */
export const useApprovalCountsStore = defineStore('approvalCounts', () => {
  const todo = ref(0)
  // Bumped by reset: an answer that arrives after the session changed is dropped.
  let session = 0

  async function refresh(): Promise<void> {
    const mine = session
    try {
      const counts = await approvalsApi.counts()
      if (mine === session) todo.value = counts.todo
    } catch {
      // A missed refresh is retried on the next poll; a toast every 30 s would bury the page.
    }
  }

  function reset(): void {
    session++
    todo.value = 0
  }

  return { todo, refresh, reset }
})
