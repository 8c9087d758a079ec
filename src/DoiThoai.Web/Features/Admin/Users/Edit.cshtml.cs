using System.ComponentModel.DataAnnotations;
using DoiThoai.Web.Features.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace DoiThoai.Web.Features.Admin.Users;

/// <summary>
/// An account's role, scope unit and whether it may sign in, and a new password set by the
/// administrator. Every change renews the account's security stamp, so pages and API tokens already
/// signed in lose the old rights within the stamp interval instead of keeping them for 8 hours.
/// </summary>
public sealed class EditModel(AppDbContext db, UserManager<AppUser> users, TimeProvider clock, CookieStampMemo stamps) : AdminPageModel
{
    [BindProperty(SupportsGet = true)] public string Id { get; set; } = "";
    [BindProperty] public AccountInput Input { get; set; } = new();

    public string UserName { get; private set; } = "";
    public IReadOnlyList<SelectListItem> Units { get; private set; } = [];
    public IReadOnlyList<SelectListItem> RoleOptions { get; private set; } = [];

    public sealed class AccountInput
    {
        [Required(ErrorMessage = "Vui lòng chọn vai trò.")]
        public string Role { get; set; } = "";
        [Range(1, int.MaxValue, ErrorMessage = "Vui lòng chọn đơn vị.")]
        public int UnitId { get; set; }
        public bool IsActive { get; set; } = true;
        [StringLength(200, ErrorMessage = "Mật khẩu quá dài.")]
        [DataType(DataType.Password)]
        public string? NewPassword { get; set; }
    }

    public async Task<IActionResult> OnGetAsync()
    {
        if (await users.FindByIdAsync(Id) is not { } user) return NotFound();
        Input = new AccountInput
        {
            Role = (await users.GetRolesAsync(user)).FirstOrDefault() ?? "",
            UnitId = user.OrgUnitId,
            IsActive = user.IsActive,
        };
        await LoadAsync(user);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (await users.FindByIdAsync(Id) is not { } user) return NotFound();
        if (await TrySaveAsync(Input, () => SaveAsync(user)))
        {
            Flash("Đã lưu tài khoản “{0}”.", user.UserName ?? "");
            return RedirectToPage("Index");
        }
        await LoadAsync(user);
        return FormWithErrors();
    }

    private async Task SaveAsync(AppUser user)
    {
        if (!Roles.All.Contains(Input.Role))
            throw new DomainValidationException(nameof(AccountInput.Role), "Vai trò không hợp lệ.");
        if (!await db.OrgUnits.AnyAsync(u => u.Id == Input.UnitId))
            throw new DomainValidationException(nameof(AccountInput.UnitId), "Đơn vị không tồn tại.");
        // An administrator who demotes or switches off their own account could leave nobody to undo it.
        if (user.Id == users.GetUserId(User) && (Input.Role != Roles.Administrator || !Input.IsActive))
            throw new DomainValidationException(nameof(AccountInput.Role), "Không thể bỏ quyền quản trị hoặc khóa chính tài khoản đang đăng nhập.");

        await using var transaction = await db.Database.BeginTransactionAsync();
        user.OrgUnitId = Input.UnitId;
        user.IsActive = Input.IsActive;
        var current = await users.GetRolesAsync(user);
        if (current.Count != 1 || current[0] != Input.Role)
        {
            Check(await users.RemoveFromRolesAsync(user, current));
            Check(await users.AddToRoleAsync(user, Input.Role));
        }
        if (!string.IsNullOrEmpty(Input.NewPassword))
        {
            foreach (var validator in users.PasswordValidators)
                if (!(await validator.ValidateAsync(users, user, Input.NewPassword)).Succeeded)
                    throw new DomainValidationException(nameof(AccountInput.NewPassword), PasswordRule);
            Check(await users.ResetPasswordAsync(user, await users.GeneratePasswordResetTokenAsync(user), Input.NewPassword));
            // A new password also ends a lockout: the administrator has just vouched for the account.
            Check(await users.SetLockoutEndDateAsync(user, null));
            Check(await users.ResetAccessFailedCountAsync(user));
        }
        Check(await users.UpdateSecurityStampAsync(user)); // also saves the unit and the active flag
        await transaction.CommitAsync();
        stamps.Forget(user.Id);
    }

    public const string PasswordRule = "Mật khẩu phải có ít nhất 10 ký tự, gồm chữ hoa, chữ thường, chữ số và ký tự đặc biệt.";

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
            throw new DomainValidationException("", "Không lưu được tài khoản: " + string.Join("; ", result.Errors.Select(e => e.Description)));
    }

    private async Task LoadAsync(AppUser user)
    {
        UserName = user.UserName ?? "";
        Units = await AdminSelects.UnitsAsync(db, T, VietnamTime.Today(clock.GetUtcNow().UtcDateTime));
        RoleOptions = Roles.All.Select(r => new SelectListItem(T[Roles.DisplayName(r)], r)).ToList();
    }
}
