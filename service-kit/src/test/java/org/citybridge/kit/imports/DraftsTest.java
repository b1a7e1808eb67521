package org.citybridge.kit.imports;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A dry run's memory across chunks: a chunk's drafts count once it went through, and writing forgets them. */
class DraftsTest {

    @Test
    void shouldKeepAChunksDraftsOnlyWhenItGoesThrough() {
        Drafts<String, Integer> drafts = new Drafts<>();
        drafts.check(() -> {
            drafts.put("xian|CN", 12_000_000);
            assertThat(drafts.get("xian|CN"))
                    .as("seen by the chunk's later rows")
                    .isEqualTo(12_000_000);
        });

        assertThatThrownBy(() -> drafts.check(() -> {
                    drafts.put("xian|CN", 12_950_000);
                    drafts.put("luoyang|CN", 7_056_700);
                    throw new IllegalStateException("the chunk's transaction failed");
                }))
                .isInstanceOf(IllegalStateException.class);

        assertThat(drafts.get("xian|CN"))
                .as("the failed chunk's draft is dropped")
                .isEqualTo(12_000_000);
        assertThat(drafts.get("luoyang|CN")).isNull();

        drafts.clear();
        assertThat(drafts.get("xian|CN")).isNull();
    }
}
