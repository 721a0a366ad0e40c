import { EntitySchema } from 'typeorm'

export interface LocalText {
  zh: string
  en: string
}

/** Not a RecordStore record: notifications are never edited, versioned or audited, only read. */
export interface NotificationRow {
  id: string
  userId: string
  kind: string
  title: LocalText
  body: LocalText | null
  link: string | null
  entityType: string | null
  entityId: string | null
  source: string | null
  sourceEvent: string | null
  createdAt: Date
  readAt: Date | null
}

export const NotificationEntity = new EntitySchema<NotificationRow>({
  name: 'Notification',
  tableName: 'notification',
  columns: {
    id: { type: 'uuid', primary: true },
    userId: { type: 'uuid', name: 'user_id' },
    kind: { type: 'varchar', length: 40 },
    title: { type: 'jsonb' },
    body: { type: 'jsonb', nullable: true },
    link: { type: 'varchar', length: 300, nullable: true },
    entityType: { type: 'varchar', length: 60, name: 'entity_type', nullable: true },
    entityId: { type: 'varchar', length: 60, name: 'entity_id', nullable: true },
    source: { type: 'varchar', length: 40, nullable: true },
    sourceEvent: { type: 'uuid', name: 'source_event', nullable: true },
    createdAt: { type: 'timestamptz', name: 'created_at' },
    readAt: { type: 'timestamptz', name: 'read_at', nullable: true },
  },
})
