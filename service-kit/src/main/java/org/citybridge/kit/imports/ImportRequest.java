package org.citybridge.kit.imports;

import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/** What every import request says beside its file: the file's type, and how to run ({@code @BeanParam}). */
public class ImportRequest {

    @HeaderParam("Content-Type")
    public String contentType;

    @Parameter(description = "Check every row and report, write nothing", schema = @Schema(type = SchemaType.BOOLEAN))
    @QueryParam("dryRun")
    public String dryRun;

    @Parameter(
            description = "Write nothing unless every row is good, then all in one transaction",
            schema = @Schema(type = SchemaType.BOOLEAN))
    @QueryParam("atomic")
    public String atomic;

    /** 400 unless dryRun and atomic are true or false. */
    public Importer.Options options() {
        return Importer.Options.of(dryRun, atomic);
    }

    /** Whether the file is CSV (its rows then hold text values only). */
    public boolean csv() {
        return ImportFile.isCsv(contentType);
    }
}
