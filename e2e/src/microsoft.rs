//! Signing in to Microsoft 365, the sandbox's identity platform, the way a person does:
//! the app's "Connect to Microsoft 365" form, then Microsoft's sign-in page.

use snowcard_sandbox::microsoft::{MS_CLIENT_ID, MS_PASSWORD, TENANT_DOMAIN};

use crate::World;

/// The sandbox tenant's user who can read and write Secure Score.
pub const ADELE: &str = "adele.vance@contoso.onmicrosoft.com";
/// The sandbox tenant's user who may only read Secure Score (Security Reader).
pub const MEGAN: &str = "megan.bowen@contoso.onmicrosoft.com";
/// A user of the tenant with no directory role at all.
pub const ALEX: &str = "alex.wilber@contoso.onmicrosoft.com";
/// A user of another tenant (fabrikam), neither member nor guest of the sandbox's.
pub const LEE: &str = "lee.gu@fabrikam.onmicrosoft.com";

impl World {
    /// Fills "Connect to Microsoft 365" for the sandbox's tenant and presses Sign in.
    pub async fn sign_in_to_microsoft(&self) {
        self.fill("Tenant", TENANT_DOMAIN).await;
        self.fill("Application (client) ID", MS_CLIENT_ID).await;
        // The sandbox stands in for both clouds' addresses, under Advanced.
        self.run_script(
            "const d = document.querySelector('.sc-microsoft details.sc-advanced'); if (!d.open) d.querySelector('summary').click();",
            vec![],
        )
        .await;
        self.fill("Sign-in authority", &self.sandbox.url()).await;
        self.fill("Microsoft Graph", &self.sandbox.url()).await;
        self.click("Sign in").await;
    }

    /// On Microsoft's sign-in page: `upn` and the sandbox's password, then Sign in.
    pub async fn enter_microsoft_account(&self, upn: &str) {
        self.fill("Email, phone, or Skype", upn).await;
        self.fill("Password", MS_PASSWORD).await;
        self.click("Sign in").await;
    }

    /// Connects to ServiceNow, opens the improvement actions and signs in to Microsoft 365
    /// as `upn`, accepting the permissions asked for.
    pub async fn connect_both_as(&self, upn: &str) {
        self.connect("Allow").await;
        self.wait_for_text("as Snowcard Integration").await;
        self.click("Improvement actions").await;
        self.wait_for_text("Connect to Microsoft 365").await;
        self.sign_in_to_microsoft().await;
        self.enter_microsoft_account(upn).await;
        self.click("Accept").await;
    }

    /// Connects to Microsoft 365 from a page that shows "Connect to Microsoft 365": the
    /// form, the sign-in as `upn`, the consent; waits for "Connected to Microsoft 365 as".
    pub async fn connect_microsoft(&self, upn: &str) {
        self.sign_in_to_microsoft().await;
        self.enter_microsoft_account(upn).await;
        self.click("Accept").await;
        self.wait_for_text("Connected to Microsoft 365 as").await;
    }

    /// Opens the share form of the first improvement action listed; returns its title.
    pub async fn share_first_action(&self) -> String {
        let first = self
            .run_script(
                "return document.querySelector('.sc-action-title').textContent;",
                vec![],
            )
            .await;
        let title = first.as_str().unwrap_or_default().to_owned();
        self.share_action(&title, "ServiceNow").await;
        self.wait_for_text("Share to ServiceNow").await;
        title
    }
}
