package io.branchline.box.sync;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.branchline.box.config.BoxConfig;
import io.branchline.box.config.ConfigException;
import io.branchline.box.config.ConfigLoader;
import io.branchline.box.store.SavedSettings;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The CRM servers as an installer or admin sets them from the admin page, in the file's keys: the private
 * and the public server, the box's token (write-only: an empty one keeps the token there is), the CA file,
 * and when to fail over and come back. Saved over the file's {@code crm:} and used from the next start,
 * since the sync's connections and its failover state are built once.
 */
public record CrmSettings(@JsonProperty("private-url") String privateUrl, @JsonProperty("public-url") String publicUrl,
                          @JsonProperty("box-token") String boxToken, @JsonProperty("ca-file") String caFile,
                          @JsonProperty("failures-before-failover") Integer failuresBeforeFailover,
                          @JsonProperty("failover-window-seconds") Integer failoverWindowSeconds,
                          @JsonProperty("return-hour") Integer returnHour) {
    private static final Logger log = LoggerFactory.getLogger(CrmSettings.class);
    static final String SCOPE = "crm";

    public CrmSettings {
        boxToken = boxToken == null ? "" : boxToken;
    }

    /** Without the token, as BoxConfig.Crm prints itself. */
    @Override
    public String toString() {
        return "CrmSettings[privateUrl=" + privateUrl + ", publicUrl=" + publicUrl + ", boxToken="
                + (boxToken.isEmpty() ? "" : "(set)") + ", caFile=" + caFile + "]";
    }

    /** {@code crm} without its token: what the API shows. */
    public static CrmSettings shown(BoxConfig.Crm crm) {
        return new CrmSettings(crm.privateUrl(), crm.publicUrl(), "", crm.caFile(), crm.failuresBeforeFailover(),
                crm.failoverWindowSeconds(), crm.returnHour());
    }

    /** {@code base} with these settings, its token kept when none is given; checked as the file is. */
    public BoxConfig.Crm onto(BoxConfig.Crm base) {
        BoxConfig.Crm c = new BoxConfig.Crm(privateUrl, publicUrl, boxToken.isEmpty() ? base.boxToken() : boxToken,
                caFile, base.allowPlainHttp(), failuresBeforeFailover, failoverWindowSeconds, returnHour);
        ConfigLoader.checkCrm(c, "");
        return c;
    }

    /**
     * The CRM settings the box starts with: the saved ones over the file's, or the file's alone when the
     * saved ones no longer pass its checks (kept, and logged).
     */
    public static BoxConfig.Crm atStart(BoxConfig.Crm file, SavedSettings saved) {
        Optional<SavedSettings.Saved> s = saved.find(SCOPE);
        if (s.isEmpty()) {
            return file;
        }
        try {
            return ConfigLoader.section(s.get().value(), CrmSettings.class).onto(file);
        } catch (ConfigException e) {
            log.warn("event=saved-crm-settings-set-aside reason=\"{}\"", e.getMessage());
            return file;
        }
    }
}
