//! Connecting to the sandbox's Microsoft 365 stand-in as a person does: the "Connect to
//! Microsoft 365" form, then Microsoft's sign-in page.

use snowcard_sandbox::microsoft::{MS_CLIENT_ID, MS_PASSWORD, TENANT_DOMAIN};

use crate::World;

/// The seeded user with the roles to read and to write Secure Score.
pub const ADELE: &str = "adele.vance@contoso.onmicrosoft.com";
/// The seeded user who may only read Secure Score (Security Reader).
pub const MEGAN: &str = "megan.bowen@contoso.onmicrosoft.com";

impl World {
    /// Fills "Connect to Microsoft 365" for the sandbox's tenant (both clouds' addresses under
    /// Advanced are the sandbox's) and presses Sign in.
    pub async fn sign_in_to_microsoft(&self) {
        self.fill("Tenant", TENANT_DOMAIN).await;
        self.fill("Application (client) ID", MS_CLIENT_ID).await;
        self.run_script(
            "const d = document.querySelector('.sc-microsoft details.sc-advanced'); if (!d.open) d.querySelector('summary').click();",
            vec![],
        )
        .await;
        self.fill("Sign-in authority", &self.sandbox.url()).await;
        self.fill("Microsoft Graph", &self.sandbox.url()).await;
        self.click("Sign in").await;
    }

    /// Signs in on Microsoft's page as `user` (the seeded password).
    pub async fn sign_in_as(&self, user: &str) {
        self.fill("Email, phone, or Skype", user).await;
        self.fill("Password", MS_PASSWORD).await;
        self.click("Sign in").await;
    }

    /// Connects to Microsoft 365 from a page that shows "Connect to Microsoft 365": the
    /// form, the sign-in as `upn`, the consent; waits for "Connected to Microsoft 365 as".
    pub async fn connect_microsoft(&self, upn: &str) {
        self.sign_in_to_microsoft().await;
        self.sign_in_as(upn).await;
        self.click("Accept").await;
        self.wait_for_text("Connected to Microsoft 365 as").await;
    }
}
