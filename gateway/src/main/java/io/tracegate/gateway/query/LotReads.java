package io.tracegate.gateway.query;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Settings for reading every unit of a lot, for the rest of the current transaction ({@code SET LOCAL}). A lot's
 * units are stored together (a packaging line commissions them in the same documents), but PostgreSQL's cost model
 * takes the rows an index finds as scattered over the table: for a lot of 500,000 units in a 10,000,000-unit store it
 * chose a scan of the whole table (454,000 pages, 4 s) over the lot index (23,000 pages, 1.8 s) for each read of the
 * lot. A solid-state disk's page cost makes it choose the index; more sort memory keeps the lot's rows, sorted by
 * key, off the disk.
 */
final class LotReads {

    private LotReads() {
    }

    static void prepare(JdbcClient jdbc) {
        jdbc.sql("set local random_page_cost = 1.1").update();
        jdbc.sql("set local work_mem = '64MB'").update();
    }
}
