import { afterAll } from 'vitest'

/**
 * Closes Element Plus's messages and notifications before the DOM environment is torn down. A message
 * lives three seconds on its own timer; when a file's last test ended sooner, the timer fired after
 * happy-dom had removed its globals, and the message's leave transition threw "requestAnimationFrame
 * is not defined" as an unhandled error that failed the whole run (seen in app-service's portal pages).
 */
afterAll(async () => {
  if (!globalThis.document?.querySelector('.el-message, .el-notification')) return
  const { ElMessage, ElNotification } = await import('element-plus')
  ElMessage.closeAll()
  ElNotification.closeAll()
  // The leave transitions run on animation frames: let them finish while the window still exists.
  await new Promise((resolve) => setTimeout(resolve, 100))
})
