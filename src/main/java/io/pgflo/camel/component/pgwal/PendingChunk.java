package io.pgflo.camel.component.pgwal;

import io.pgflo.camel.event.ChangeChunk;

/** A decoded chunk waiting for the dispatcher, tagged with the session that read it. */
record PendingChunk(long generation, ChangeChunk chunk) { }
