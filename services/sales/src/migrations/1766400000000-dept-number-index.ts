import type { MigrationInterface, QueryRunner } from 'typeorm'

/**
 * A manager searching a code typed from its start (KH2025…): the list pages the department
 * branch of the scope in number order and counts it (capped). With the department and the number
 * indexes apart, the count ANDed a bitmap of the department's 46,667 rows with one of every number
 * in the range (335,000 for a year) and read 4,700 heap blocks (46 ms at a million customers).
 * This index is the department's numbers in order; it holds `owner_id` for the branch's "not the
 * manager's own" test and `number` itself, since Postgres rechecks the LIKE on `upper(number)`
 * from the column, not from the indexed expression: count and page are then index-only (10 ms).
 */
export class SalesDeptNumberIndex1766400000000 implements MigrationInterface {
  name = 'SalesDeptNumberIndex1766400000000'

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX customer_dept_number_idx ON customer (dept_id, (upper(number) COLLATE "C"), id)
         INCLUDE (owner_id, number) WHERE deleted_at IS NULL`,
    )
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX customer_dept_number_idx')
  }
}
