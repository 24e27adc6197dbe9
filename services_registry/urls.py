app_name = "services_registry"

urlpatterns: list = []
