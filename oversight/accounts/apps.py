from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "oversight.accounts"
    label = "accounts"

    def ready(self):
        # Second-factor devices change only through the MFA pages and the audited reset
        # (oversight/accounts/mfa.py): django-otp's own admin pages would let an administrator read a
        # colleague's key or add a device of their choosing to any account.
        from django.contrib import admin
        from django_otp.plugins.otp_static.models import StaticDevice
        from django_otp.plugins.otp_totp.models import TOTPDevice

        for model in (TOTPDevice, StaticDevice):
            if admin.site.is_registered(model):
                admin.site.unregister(model)
