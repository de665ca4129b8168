package jp.catdata.infra.search;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import jp.catdata.infra.identity.StaffIdentity.StaffRole;

/**
 * The OpenSearch security role and role mapping of one municipality group, rendered from the
 * template {@value #TEMPLATE}.
 *
 * <p>The template is the one source of these documents: the CDK app sends its renderings to the
 * security plugin's REST API, and the access test of the Flink job applies the same file to a local
 * node. Rendering replaces each {@code {{name}}} with a value: {@code group_name} (the Cognito
 * group, such as {@code 131016-viewer}), {@code municipality_code}, {@code global_tenant_action}
 * and {@code backend_role} (the group's IAM role ARN, which reaches OpenSearch as the user's
 * backend role). The role reads the {@code cat-data-*} indices through a document-level security
 * query on {@code municipality_code}, so a user sees only the documents of their municipality.
 *
 * @param name role name, which the role mapping shares
 * @param role body of {@code PUT _plugins/_security/api/roles/<name>}
 * @param roleMapping body of {@code PUT _plugins/_security/api/rolesmapping/<name>}
 */
public record MunicipalityRoles(
        String name, Map<String, Object> role, Map<String, Object> roleMapping) {

    /** Classpath resource of the template, next to this class. */
    public static final String TEMPLATE = "municipality-role.json";

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Renders the template for one group. Values are inserted into JSON strings as they are, so
     * they must not contain quotes or backslashes. Codes, group names and ARNs contain neither.
     */
    public static MunicipalityRoles render(
            String municipalityCode, StaffRole staffRole, String backendRole) {
        String text = template();
        text = text.replace("{{group_name}}", municipalityCode + "-" + staffRole.code());
        text = text.replace("{{municipality_code}}", municipalityCode);
        text = text.replace("{{global_tenant_action}}", globalTenantAction(staffRole));
        text = text.replace("{{backend_role}}", backendRole);
        try {
            Map<String, Object> rendered =
                    JSON.readValue(text, new TypeReference<Map<String, Object>>() {});
            @SuppressWarnings("unchecked")
            Map<String, Object> role = (Map<String, Object>) rendered.get("role");
            @SuppressWarnings("unchecked")
            Map<String, Object> mapping = (Map<String, Object>) rendered.get("role_mapping");
            return new MunicipalityRoles((String) rendered.get("role_name"), role, mapping);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "the rendered " + TEMPLATE + " is not valid JSON; check the template", e);
        }
    }

    /**
     * Returns the tenant action group on the global tenant: viewers read the shared dashboards,
     * analysts and administrators also save them.
     */
    static String globalTenantAction(StaffRole staffRole) {
        return staffRole == StaffRole.VIEWER ? "kibana_all_read" : "kibana_all_write";
    }

    private static String template() {
        try (InputStream in = MunicipalityRoles.class.getResourceAsStream(TEMPLATE)) {
            if (in == null) {
                throw new IllegalStateException(
                        TEMPLATE
                                + " is missing from the classpath next to "
                                + MunicipalityRoles.class);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + TEMPLATE, e);
        }
    }
}
